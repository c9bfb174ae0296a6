from erp_desktop.cli import main

raise SystemExit(main())
