# a subpackage whose module imports two levels up
