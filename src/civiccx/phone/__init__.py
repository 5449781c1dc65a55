"""The phone line: callbacks that keep your place in line, honest waits, the CSR workspace."""
