import { Agency } from './Agency';
import { Liaison } from './Liaison';
import { Region } from './Region';

export { Agency, Liaison, Region };
export const entities = [Region, Agency, Liaison];
