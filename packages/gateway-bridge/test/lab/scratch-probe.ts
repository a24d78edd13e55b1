import { startLab } from './gateway';
const lab = await startLab();
console.log('started in', lab.startMs, 'ms', lab.url, lab.pid);
console.log(lab.logTail(30));
await new Promise((r) => setTimeout(r, 3000));
await lab.stop();
console.log('stopped');
