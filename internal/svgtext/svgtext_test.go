package svgtext

import (
	"slices"
	"testing"
)

func TestTexts(t *testing.T) {
	svg := []byte(`<svg><text x="1"
	style="font-size:10px">6.882</text><path d="M0,0"/><text>band: 8 van de 10 uitkomsten</text></svg>`)
	if got, want := Texts(svg), []string{"6.882", "band: 8 van de 10 uitkomsten"}; !slices.Equal(got, want) {
		t.Errorf("%q, want %q", got, want)
	}
}
