// Removes the previous build so renamed or deleted files never linger in the published tarball.
const fs = require('fs');
fs.rmSync(require('path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
