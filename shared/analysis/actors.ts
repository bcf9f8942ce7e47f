// analyse.ts imports the actor stage from here; the stage lives in ./actors/ (re-export until that import moves).
export { analyseActors, type ActorOptions } from './actors/index.js';
