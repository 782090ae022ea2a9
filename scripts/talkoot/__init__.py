"""talkoot: the site and submission workflow of a city's yearly planning event."""
