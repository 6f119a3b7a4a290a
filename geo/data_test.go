package geo

import "github.com/redline-events/redline/data"

func defaultBytes() []byte { return data.Gazetteer }
