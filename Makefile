# LiveSim: `make run` installs what is missing, builds in release and runs the
# shipped scenario; `make test` runs the test suite in an optimised build.
SWIFT ?= swift
SCENARIO ?= Scenarios/demo-queue.yaml

.PHONY: deps build run test clean

deps:
	@scripts/install-deps

build: deps
	$(SWIFT) build -c release

run: build
	.build/release/livesim demo $(SCENARIO)

# Statistical tests run optimised; -enable-testing keeps @testable imports working.
test: deps
	$(SWIFT) test -c release -Xswiftc -enable-testing

clean:
	rm -rf .build
