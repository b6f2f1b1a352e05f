// Errors a page's script throws; a paste keeps each error's line only.
const which = process.argv[2];
if (which === 'props') { const items = undefined; items.map((x) => x); }
if (which === 'ref') { $('#app'); }
if (which === 'json') { JSON.parse('<!DOCTYPE html><html></html>'); }
if (which === 'call') { const api = {}; api.fetchAll(); }
