package nl

import "testing"

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{Int(56000), "56.000"},
		{Int(999), "999"},
		{Int(1000), "1.000"},
		{Int(-1234.6), "-1.235"},
		{Int(1234567), "1.234.567"},
		{Int(-0.4), "0"},
		{Dec(1234.567, 1), "1.234,6"},
		{Dec(0.05, 2), "0,05"},
		{Percent(0.037), "3,7%"},
		{Percent(-0.1234), "-12,3%"},
		{Num(0.3), "0,3"},
		{Num(15), "15"},
		{Num(1500.25), "1.500,25"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
