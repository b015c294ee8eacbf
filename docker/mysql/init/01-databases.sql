-- The services create their databases on first start; creating them here too
-- lets an operator grant a less privileged account per service instead of root.
CREATE DATABASE IF NOT EXISTS safety_agencies CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS safety_agreements CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS safety_traffic CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS safety_addiction CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS safety_divorce CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS safety_audit CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
