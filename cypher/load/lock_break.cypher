// name: lock_break
// title: Break an expired load lock
// description: Deletes the lock only if it is still the expired one that was seen (its
//   token), so two waiters that both saw it expire cannot delete a fresh lock: one deletes,
//   and both then race to take it again, which the constraint settles.
// param: token string — the expired holder's token, e.g. 'f3a9c2'
:param {token: 'f3a9c2'};
MATCH (l:LoadLock {id: 'load', token: $token})
WHERE l.expires < datetime()
DELETE l
RETURN count(*) AS broken;
