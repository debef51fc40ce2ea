"""The official SDK's type names mapped to ours by structure (spec/sdk_names.yml)."""
