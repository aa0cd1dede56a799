"""The one error type of mdstudy: its message is meant for the user, as is."""


class MdStudyError(Exception):
    """Bad input or a refused operation; the message names the file or row and the problem."""
