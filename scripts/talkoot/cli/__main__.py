from talkoot.cli.main import main

raise SystemExit(main())
