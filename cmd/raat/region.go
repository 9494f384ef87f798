package main

import (
	"fmt"
	"os"

	"raat/data"
	"raat/forecast"
	"raat/region"
)

// loadRegion reads a region file, or the embedded Twente demo when path is
// empty. It returns the region and the name of its source.
func loadRegion(path string) (*forecast.Region, string, error) {
	if path == "" {
		r, err := region.Twente()
		return r, data.TwenteFile + " (ingebouwd)", err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	r, err := region.Parse(path, b)
	if err != nil {
		return nil, "", fmt.Errorf("region file refused:\n%w", err)
	}
	return r, path, nil
}

// loadRegionFile reads a region file as written, with its comments, or the
// embedded Twente demo when path is empty, and the name of its source.
func loadRegionFile(path string) (*region.File, string, error) {
	if path == "" {
		f, err := region.ParseFile(data.TwenteFile, data.Twente())
		return f, data.TwenteFile + " (ingebouwd)", err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	f, err := region.ParseFile(path, b)
	if err != nil {
		return nil, "", fmt.Errorf("region file refused:\n%w", err)
	}
	return f, path, nil
}
