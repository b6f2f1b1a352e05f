console.log("a"
