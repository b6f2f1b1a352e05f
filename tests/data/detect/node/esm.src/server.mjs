import express from 'express';
express();
