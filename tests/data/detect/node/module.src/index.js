const express = require('express');
express();
