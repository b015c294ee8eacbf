
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Target": [
      "FamilyTarget",
      "PreventionTarget",
      "TrafficTarget"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Target": [
      "FamilyTarget",
      "PreventionTarget",
      "TrafficTarget"
    ]
  }
};
      export default result;
    