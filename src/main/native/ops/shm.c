/* System V shared memory calls: what the shm module counts. */
#define _GNU_SOURCE
#include <sys/ipc.h>
#include <sys/shm.h>
#include "../workload.h"

static void op_shm_calls(long n)
{
	for (long i = 0; i < n; i++) {
		int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
		if (id < 0)
			die("shmget");
		void *at = shmat(id, NULL, 0);
		if (at == (void *)-1)
			die("shmat");
		if (shmdt(at) < 0)
			die("shmdt");
		if (shmctl(id, IPC_RMID, NULL) < 0)
			die("shmctl");
	}
}
WORKLOAD_OP("shm-calls", op_shm_calls, "N x (shmget(IPC_PRIVATE, 4096) + shmat + shmdt + shmctl(IPC_RMID)) on a "
	    "private segment");
