from mdstudy.cli import main

main()
