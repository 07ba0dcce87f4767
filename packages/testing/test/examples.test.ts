// The README's examples are real test files: importing them registers their suites here.
import '../examples/per-target-suite.js';
import '../examples/one-database.js';
