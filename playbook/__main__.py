from playbook.cli import main

main()
