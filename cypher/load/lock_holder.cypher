// name: lock_holder
// title: Who holds the load lock
// description: The load that holds the lock, when it started and until when its lease runs;
//   expired is true once the lease has run out (its loader died or lost the server). No row
//   while no load runs.
:param {};
MATCH (l:LoadLock {id: 'load'})
RETURN l.token AS token, l.host AS host, l.pid AS pid, l.started AS started,
       l.expires AS expires, l.expires < datetime() AS expired;
