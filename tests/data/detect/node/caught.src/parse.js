try {
  const config = null;
  console.log(config.port);
} catch (e) {
  console.error(e.stack);
  process.exitCode = 1;
}
