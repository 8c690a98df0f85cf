"""The archive-scale benchmark (``invoke bench``): a synthetic archive made from the
samples, measured through the whole pipeline beside plain Pelican."""
