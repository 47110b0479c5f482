// Runs a program (its command line in the arguments) and ends it when this process's parent goes away
// (the IPC channel closes) or asks it to stop: for programs that cannot watch their parent themselves,
// such as the JVM that runs DynamoDB Local. Exits as the program exits.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
const program = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => program.kill('SIGTERM');
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
program.on('error', (error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(127);
});
program.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
