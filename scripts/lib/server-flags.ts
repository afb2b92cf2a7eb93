// How the production server's JavaScript heap is sized: `npm start` (and so the Docker image) and
// `npm run bench:web` start `next start` with these. Under load the server keeps about 80 MB of
// live objects, but V8 by default lets its heap grow to four times that between full collections
// and keeps a young generation of up to 96 MB, so the process reached 600 to 700 MB resident
// under bench:web. A smaller young generation and slower heap growth hold it under 350 MB
// (docs/SCALING.md): with 30% growth it was 327 MB, until issues 7 and 8 added routes and it
// reached 370 MB; with 20%, 324 and 332 MB. A hard cap (--max-old-space-size=192) was tried and
// is worse: V8 then collects every tenth of a second and serves a third as much.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=8", "--heap-growing-percent=20"];
