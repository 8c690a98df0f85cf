"""The gazette converter: raw gazette issues in, one Markdown file per official
document out (see ``python -m gazette --help``)."""
