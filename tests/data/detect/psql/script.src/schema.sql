CREATE TABLE users (
    id int PRIMARY KEY,
    name text NUL
);
CREATE TABLE users (id int PRIMARY KEY, name text);
INSERT INTO customer VALUES (1, 'a');
INSERT INTO users VALUES (1, 'a');
INSERT INTO users VALUES (1, 'b');
SELECT nme FROM users;
