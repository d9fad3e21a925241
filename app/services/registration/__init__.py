"""The commission's registration decision on a filed petition, and the queue of petitions
waiting for it."""
