the head is matched on the line right before its place only (a group whose head has no literal): the excerpt between them hides it
