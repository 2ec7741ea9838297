# LiveSim: `make run` installs what is missing, builds in release and runs the
# shipped baseline scenario; `make test` runs the test suite in an optimised build.
SWIFT ?= swift
SCENARIO ?= Scenarios/baseline.yaml
TESTFLAGS = -c release -Xswiftc -enable-testing

.PHONY: deps test-deps build run test clean

deps:
	@scripts/install-deps

# Python's jsonschema and PyYAML check the generated JSON Schema.
test-deps: deps
	@python3 -c "import jsonschema, yaml" 2>/dev/null || python3 -m pip install --quiet jsonschema pyyaml \
	  || (apt-get update -qq && apt-get install -y -qq python3-jsonschema python3-yaml)

build: deps
	$(SWIFT) build -c release

run: build
	.build/release/livesim run $(SCENARIO)

# Statistical tests run optimised; -enable-testing keeps @testable imports working.
test: test-deps
	$(SWIFT) build $(TESTFLAGS) --build-tests
	scripts/check-schema .build/release/livesim
	$(SWIFT) test $(TESTFLAGS) --skip-build

clean:
	rm -rf .build
