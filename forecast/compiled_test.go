package forecast

import "testing"

// A Model keeps its own copy of the region: changing the region after
// Compile changes neither its runs nor its Region.
func TestCompiledModelKeepsItsRegion(t *testing.T) {
	r := tinyProgrammes(tinyRegion(), 100)
	m, err := Compile(r)
	if err != nil {
		t.Fatal(err)
	}
	want := run(t, r, nil, 5)
	r.Cells[VVT][Mbo3].Headcount[40-MinAge] = 5
	r.Programmes[Mbo3][BOL].Dropout[0] = 0.9
	r.Programmes[Mbo3][BOL].Enrolled[1] = 0
	r.Trainers[0].Places[Mbo3][BBL] = 1
	got, err := m.Run(nil, Options{To: 2030})
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Rows {
		if got.Rows[i] != want.Rows[i] {
			t.Fatalf("row %d: %+v after the region changed, want %+v", i, got.Rows[i], want.Rows[i])
		}
	}
	if m.Region() == r || m.Region().Programmes[Mbo3][BOL].Dropout[0] != 0.2 || m.Region().Trainers[0].Places[Mbo3][BBL] != 100 {
		t.Error("the model's region is the caller's")
	}
	// A region that does not validate does not compile.
	r.PensionAge = 40
	if _, err := Compile(r); err == nil {
		t.Error("an invalid region compiled")
	}
}
