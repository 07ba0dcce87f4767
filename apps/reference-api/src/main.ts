/** Entry point of the reference API (being built: see issue 10). */
console.log('dalkit reference-api: not built yet');
