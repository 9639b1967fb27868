// name: lock_break_dead
// title: Break the load lock of a loader that is gone
// description: A loader on this machine whose process no longer exists (killed, crashed)
//   cannot renew its lease; rather than wait for the lease to run out, a loader on the same
//   host that sees the process gone deletes the lock, if it is still that one (its token).
// param: token string — the dead holder's token, e.g. 'f3a9c2'
:param {token: 'f3a9c2'};
MATCH (l:LoadLock {id: 'load', token: $token})
DELETE l
RETURN count(*) AS broken;
