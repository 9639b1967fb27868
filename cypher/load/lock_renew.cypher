// name: lock_renew
// title: Renew the load lock's lease
// description: The holder's heartbeat. held is 0 when the lock is no longer this load's
//   (its lease ran out and another load took it): the load must then not publish.
// param: token string — this load's token, e.g. 'f3a9c2'
// param: lease integer — seconds from now, e.g. 30
:param {token: 'f3a9c2', lease: 30};
OPTIONAL MATCH (l:LoadLock {id: 'load', token: $token})
SET l.expires = datetime() + duration({seconds: $lease})
RETURN count(l) AS held;
