import Testing
@testable import Calibration
