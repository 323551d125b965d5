#!/usr/bin/env bash
# Tags a release and moves its major tag: scripts/release.sh 1.2.3 [--push]
# Refuses unless the version is x.y.z, matches package.json, the tree is clean and dist/ is fresh.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-}"
push="${2:-}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "usage: scripts/release.sh X.Y.Z [--push]  (got '$version')" >&2
  exit 2
fi
declared=$(node -p "require('./package.json').version")
if [ "$declared" != "$version" ]; then
  echo "package.json says $declared, not $version: bump it (and CHANGELOG.md) first" >&2
  exit 1
fi
if [ -n "$(git status --porcelain)" ]; then
  echo "the work tree is not clean" >&2
  exit 1
fi
npm run -s bundle
if [ -n "$(git status --porcelain -- dist)" ]; then
  echo "dist/ is stale: commit the rebuilt bundle first" >&2
  exit 1
fi
major="v${version%%.*}"
git tag -a "v$version" -m "v$version"
git tag -fa "$major" -m "$major -> v$version"
echo "tagged v$version and moved $major to it"
if [ "$push" = "--push" ]; then
  git push origin "v$version"
  git push --force origin "$major"
fi
