async function main() {
  throw new Error('deploy target not set');
}
main();
