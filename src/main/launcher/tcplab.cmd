@echo off
rem tcplab: the command line and the window, from tcplab.jar beside this file (built by mvn package).
rem JVM settings cannot live in a jar: the serial collector with a 32 MB initial heap keeps
rem "tcplab explain" near 70 MB on big inputs (the default collector takes 1/64 of the memory
rem and touches it all). See the comment in the POSIX launcher "tcplab" for the measurements.
rem Java: %JAVA_HOME%\bin\java if JAVA_HOME is set, else java on the PATH.
rem Extra JVM options: TCPLAB_JAVA_OPTS.
setlocal
set "TCPLAB_JAVA=java"
if defined JAVA_HOME set "TCPLAB_JAVA=%JAVA_HOME%\bin\java"
"%TCPLAB_JAVA%" -XX:+UseSerialGC -Xms32m %TCPLAB_JAVA_OPTS% -jar "%~dp0tcplab.jar" %*
exit /b %ERRORLEVEL%
