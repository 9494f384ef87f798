package web

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"raat/analysis"
	"raat/forecast"
	"raat/ingest"
	"raat/scenarios"
	"raat/store"
)

// model is the region as the current submissions make it: the base
// region's assumptions with the employers' figures where they reported.
// key names the submissions, the data version the studies are kept by.
type model struct {
	key     string
	region  *forecast.Region
	source  string
	subs    []*ingest.Submission
	summary *ingest.Summary
}

// data is the model as a study's data.
func (m *model) data() analysis.Data {
	return analysis.Data{Region: m.region, Source: m.source, Employers: m.summary}
}

// current returns the model of the current submissions, rebuilding it
// only when they changed.
func (s *Server) current(ctx context.Context) (*model, error) {
	cur, err := s.store.CurrentSubmissions(ctx)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, c := range cur {
		ids = append(ids, fmt.Sprint(c.ID))
	}
	key := strings.Join(ids, ",")
	s.mu.Lock()
	if s.model != nil && s.model.key == key {
		m := s.model
		s.mu.Unlock()
		return m, nil
	}
	s.mu.Unlock()

	m := &model{key: key, region: s.base, source: s.baseSource}
	for _, c := range cur {
		var sub ingest.Submission
		if err := json.Unmarshal(c.Parsed, &sub); err != nil {
			return nil, fmt.Errorf("submission %d: %w", c.ID, err)
		}
		m.subs = append(m.subs, &sub)
	}
	if len(m.subs) > 0 {
		r, sum, err := ingest.Aggregate(s.base, m.subs)
		if err != nil {
			return nil, fmt.Errorf("aggregate %d submissions: %w", len(m.subs), err)
		}
		m.region, m.summary = r, sum
		m.source = fmt.Sprintf("werkgeversuitvraag van %d werkgevers (dekking: %s), aangevuld met de aannames uit %s", len(m.subs), sum.CoverageText(), s.baseSource)
	}
	s.mu.Lock()
	s.model = m
	s.mu.Unlock()
	return m, nil
}

// scenario resolves a scenario name: a built-in one, or one an analyst
// saved. Names never reach the file system.
func (s *Server) scenario(ctx context.Context, name string) (*scenarios.Scenario, error) {
	for _, b := range scenarios.Builtins() {
		if b.Name == name {
			return b, nil
		}
	}
	saved, err := s.store.Scenarios(ctx)
	if err != nil {
		return nil, err
	}
	for _, sc := range saved {
		if sc.Name == name {
			parsed, err := scenarios.Parse(sc.Name+".yaml", []byte(sc.YAML))
			if err != nil {
				return nil, err
			}
			parsed.Source = "opgeslagen"
			return parsed, nil
		}
	}
	return nil, badRequest(fmt.Sprintf("Onbekend scenario %q.", name))
}

// allScenarios lists the built-in and saved scenarios.
func (s *Server) allScenarios(ctx context.Context) ([]*scenarios.Scenario, []store.SavedScenario, error) {
	saved, err := s.store.Scenarios(ctx)
	if err != nil {
		return nil, nil, err
	}
	list := scenarios.Builtins()
	for _, sc := range saved {
		if p, err := scenarios.Parse(sc.Name+".yaml", []byte(sc.YAML)); err == nil {
			p.Source = "opgeslagen"
			list = append(list, p)
		}
	}
	return list, saved, nil
}
