# LiveSim: `make run` installs what is missing, builds in release and runs the
# shipped baseline scenario; `make test` runs the test suite in an optimised build.
SWIFT ?= swift
SCENARIO ?= Scenarios/baseline.yaml
TESTFLAGS = -c release -Xswiftc -enable-testing

.PHONY: deps test-deps build run test test-integration bench bench-build clean

deps:
	@scripts/install-deps

# Python's jsonschema and PyYAML check the generated JSON Schema.
test-deps: deps
	@python3 -c "import jsonschema, yaml" 2>/dev/null || python3 -m pip install --quiet jsonschema pyyaml \
	  || (apt-get update -qq && apt-get install -y -qq python3-jsonschema python3-yaml)

# The Swift runtime and Foundation linked statically: a self-contained binary
# (copy it to a cluster node as it is) that starts in half the time.
build: deps
	$(SWIFT) build -c release --static-swift-stdlib

run: build
	.build/release/livesim run $(SCENARIO)

# Statistical tests run optimised; -enable-testing keeps @testable imports working.
test: test-deps
	$(SWIFT) build $(TESTFLAGS) --build-tests
	scripts/check-schema .build/release/livesim
	$(SWIFT) test $(TESTFLAGS) --skip-build

# Real daemons: a one-node Slurm cluster on this machine runs the shipped
# sweep.sbatch as a job array and its merge; headless Chromium opens the
# reports and drives the what-if page of `livesim serve` (needs root to
# install; SKIPPED otherwise, a failure where LIVESIM_REQUIRE_INTEGRATION=1,
# as in .ci/run).
test-integration: deps
	@[ -x .build/release/livesim ] || $(MAKE) build
	scripts/integration-slurm .build/release/livesim
	scripts/integration-browser .build/release/livesim
	scripts/integration-serve .build/release/livesim

# The benchmark package (its own package, so the main build stays lean) and
# the side-by-side comparison with a SimPy peer in a pinned virtual environment.
# CI builds the package unoptimised (half the time of an optimised build: it
# checks that the benchmarks compile); `make bench` builds and runs them optimised.
bench-build: deps
	cd Benchmarks && $(SWIFT) build

bench: deps build
	cd Benchmarks && $(SWIFT) package --disable-sandbox benchmark
	cd Benchmarks && $(SWIFT) build -c release --product Profile -Xcc -gdwarf-4
	test -x .venv-bench/bin/python || python3 -m venv .venv-bench
	.venv-bench/bin/pip install --quiet -r Benchmarks/peers/requirements.txt
	.venv-bench/bin/python Benchmarks/peers/compare.py .build/release/livesim .venv-bench/bin/python \
	  $$(command -v valgrind >/dev/null && echo --profile Benchmarks/.build/release/Profile)

clean:
	rm -rf .build Benchmarks/.build
