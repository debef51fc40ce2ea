import pytest

# The shared runners assert in these modules (not test files): their failures show the diff too.
pytest.register_assert_rewrite("tests.drop_in.programs", "tests.drop_in.real_world_d")
