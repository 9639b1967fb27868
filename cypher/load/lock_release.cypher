// name: lock_release
// title: Release the load lock
// description: At the end of a load, done or failed. Only the holder's own lock goes.
// param: token string — this load's token, e.g. 'f3a9c2'
:param {token: 'f3a9c2'};
MATCH (l:LoadLock {id: 'load', token: $token})
DELETE l;
