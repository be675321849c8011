// One host and one Chromium at a time: the machines have two cores, and the tests wait on real time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
