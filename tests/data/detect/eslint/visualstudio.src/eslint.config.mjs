export default [
  {
    files: ["**/*.js"],
    rules: {
      "no-unused-vars": "error",
      "no-undef": "error",
      "semi": "warn",
      "eqeqeq": "warn"
    }
  }
];
