// npm run build: the production build, stamped so that `npm start` knows it is current.
import { buildApp } from "./lib/build";
import { ROOT } from "./lib/database";

buildApp(ROOT);
