"""Executes a notebook on the emotrans kernel like a user would, re-runs its first figure cell, saves it and
marks it trusted (as saving from the Notebook does): argv[1] is the notebook's path."""
import sys

import nbformat
from nbclient import NotebookClient
from nbformat.sign import NotebookNotary

path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, kernel_name="emotrans", timeout=120, resources={"metadata": {"path": "."}})
with client.setup_kernel():
    for index, cell in enumerate(nb.cells):
        client.execute_cell(cell, index)
    client.execute_cell(nb.cells[0], 0)  # the first figure cell again, in the same kernel session
nbformat.write(nb, path)
NotebookNotary().sign(nb)
