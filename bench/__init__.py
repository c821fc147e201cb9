"""The benchmark: a fast data generator (generate.py), a load tool (load.py) and `make bench`
(run.py), which measures the site side by side with a Django hello-world view."""
