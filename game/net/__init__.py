"""A class game over the local network (GAME-DESIGN 7): the teacher's machine hosts
(`host`), each team's machine joins (`client`); the messages are in `protocol` and
docs/protocol.md. The engine stays pure: everything with a socket lives here, and the
engine is met in one place only (`seat_api`)."""
