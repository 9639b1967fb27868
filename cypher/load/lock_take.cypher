// name: lock_take
// title: Take the load lock
// description: One load at a time, enforced by Neo4j: the lock is one LoadLock node under a
//   uniqueness constraint, so a second loader's CREATE fails while the first holds it. The
//   lease runs on the server's clock; the holder renews it while it works (lock_renew), so a
//   loader that was killed blocks the others for one lease at most.
// param: token string — this load's random token, e.g. 'f3a9c2'
// param: host string — the loader's machine, e.g. 'curator-laptop'
// param: pid integer — the loader's process id, e.g. 4242
// param: lease integer — seconds the lock holds without renewal, e.g. 30
:param {token: 'f3a9c2', host: 'curator-laptop', pid: 4242, lease: 30};
CREATE (l:LoadLock {id: 'load', token: $token, host: $host, pid: $pid, started: datetime(),
                    expires: datetime() + duration({seconds: $lease})})
RETURN l.token AS token;
